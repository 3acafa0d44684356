/**
 * Check-in at the door on an organiser's phone: read a registration's QR code with the rear camera, or type
 * the code. The typed form is a plain `<form method="post">` with a `code` field, so it works before
 * hydration and with JavaScript off; once hydrated, a well-formed typed code goes through `onCode` like a
 * scanned one, and a mistyped one is caught here.
 *
 * The camera starts only when the person presses the button, and stops on pause, when the page is hidden and
 * on unmount. Frames are decoded on the phone — the native BarcodeDetector where there is one, jsQR (loaded
 * only then) elsewhere — and nothing is sent to anyone but `onCode`'s caller.
 */
import { useCallback, useEffect, useId, useRef, useState, useSyncExternalStore } from 'react';
import { codeFromScan, formatCode, isWellFormedCode, normaliseCode } from '#app/domain/dialogues/registration-code';

export interface CodeScannerLabels {
  startCamera: string;
  pauseCamera: string;
  /** Announced politely when a code is read; the formatted code follows it. */
  codeRead: string;
  /** Announced when a QR code holds something else (another site's code, a Wi-Fi login). */
  notACode: string;
  cameraDenied: string;
  /** No camera, or a browser without camera access (also shown on plain-HTTP pages). */
  cameraMissing: string;
  cameraFailed: string;
  codeField: string;
  codeHint: string;
  codeMistyped: string;
  submit: string;
}

export interface CodeScannerProps {
  labels: CodeScannerLabels;
  /** Called with the normalised code (compact, e.g. `ABCDEFGHK`), scanned or typed. */
  onCode: (code: string) => void;
  /** Where the typed code is posted without JavaScript; the current URL if not given. */
  action?: string;
  /** The server's message for the code field, translated, after a post without JavaScript. */
  error?: string;
  defaultValue?: string;
}

type CameraState = 'off' | 'starting' | 'on' | 'denied' | 'missing' | 'failed';

const SCAN_INTERVAL_MS = 200;
// The same code stays in view for a while after it is read; read it again only after this long.
const REPEAT_AFTER_MS = 4000;
// jsQR's cost grows with the pixels; a QR code held up to the phone is readable at this width.
const JSQR_MAX_WIDTH = 640;

/** The subset of the Barcode Detection API used here (not yet in TypeScript's DOM types). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
interface BarcodeDetectorConstructor {
  new (options: { formats: string[] }): BarcodeDetectorLike;
  getSupportedFormats(): Promise<string[]>;
}

type FrameReader = (video: HTMLVideoElement) => Promise<string | null>;

/** The native detector where it reads QR codes, jsQR on a canvas otherwise. */
async function createFrameReader(): Promise<FrameReader> {
  const Native = (globalThis as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
  if (Native && (await Native.getSupportedFormats().catch((): string[] => [])).includes('qr_code')) {
    const detector = new Native({ formats: ['qr_code'] });
    return async (video) => (await detector.detect(video))[0]?.rawValue ?? null;
  }
  const { default: jsQR } = await import('jsqr');
  const canvas = document.createElement('canvas');
  const context = canvas.getContext('2d', { willReadFrequently: true });
  return async (video) => {
    if (!context || video.videoWidth === 0) return null;
    const scale = Math.min(1, JSQR_MAX_WIDTH / video.videoWidth);
    canvas.width = Math.round(video.videoWidth * scale);
    canvas.height = Math.round(video.videoHeight * scale);
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
    return jsQR(data, canvas.width, canvas.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
  };
}

function cameraErrorState(error: unknown): CameraState {
  const name = error instanceof Error || error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError' || name === 'NotReadableError') return 'missing';
  return 'failed';
}

const noSubscription = () => () => {};
/** False in the server's HTML and during hydration, true after: camera controls exist only with JavaScript. */
const useHydrated = () =>
  useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );

export function CodeScanner({ labels, onCode, action, error, defaultValue }: CodeScannerProps) {
  const id = useId();
  const hydrated = useHydrated();
  const [camera, setCamera] = useState<CameraState>('off');
  const [announcement, setAnnouncement] = useState('');
  const [typedError, setTypedError] = useState<string | null>(null);
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  // Raised by every stop: a start still waiting for permission when the page pauses or unmounts sees it
  // changed and lets the camera go instead of leaving it filming.
  const generation = useRef(0);
  const lastRead = useRef<{ text: string; at: number } | null>(null);
  const onCodeRef = useRef(onCode);
  onCodeRef.current = onCode;

  const stopCamera = useCallback(() => {
    generation.current++;
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    stream.current?.getTracks().forEach((track) => track.stop());
    stream.current = null;
    if (video.current) video.current.srcObject = null;
  }, []);

  const handleScan = useCallback(
    (text: string) => {
      const now = Date.now();
      if (lastRead.current && lastRead.current.text === text && now - lastRead.current.at < REPEAT_AFTER_MS) return;
      lastRead.current = { text, at: now };
      const code = codeFromScan(text);
      if (!code) return setAnnouncement(labels.notACode);
      setAnnouncement(`${labels.codeRead} ${formatCode(code)}`);
      onCodeRef.current(code);
    },
    [labels.codeRead, labels.notACode],
  );

  const startCamera = useCallback(async () => {
    if (!navigator.mediaDevices?.getUserMedia) return setCamera('missing');
    setCamera('starting');
    const started = ++generation.current;
    try {
      const media = await navigator.mediaDevices.getUserMedia({ video: { facingMode: { ideal: 'environment' } }, audio: false });
      const element = video.current;
      if (started !== generation.current || !element) return media.getTracks().forEach((track) => track.stop());
      stream.current = media;
      element.srcObject = media;
      await element.play();
      const readFrame = await createFrameReader();
      if (started !== generation.current) return;
      setCamera('on');
      // A chain of timeouts rather than an interval: a slow decode never overlaps the next one.
      const tick = async () => {
        if (!stream.current) return;
        const text = await readFrame(element).catch(() => null);
        if (text) handleScan(text);
        if (stream.current) timer.current = setTimeout(tick, SCAN_INTERVAL_MS);
      };
      timer.current = setTimeout(tick, SCAN_INTERVAL_MS);
    } catch (reason) {
      if (started !== generation.current) return;
      stopCamera();
      setCamera(cameraErrorState(reason));
    }
  }, [handleScan, stopCamera]);

  const pauseCamera = useCallback(() => {
    stopCamera();
    setCamera('off');
  }, [stopCamera]);

  useEffect(() => {
    // A phone put away with the page open must not keep filming.
    const onVisibility = () => document.visibilityState === 'hidden' && stream.current && pauseCamera();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      stopCamera();
    };
  }, [pauseCamera, stopCamera]);

  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    const typed = String(new FormData(event.currentTarget).get('code') ?? '');
    event.preventDefault();
    if (!isWellFormedCode(typed)) return setTypedError(labels.codeMistyped);
    setTypedError(null);
    event.currentTarget.reset();
    onCodeRef.current(normaliseCode(typed));
  };

  const cameraMessage = camera === 'denied' ? labels.cameraDenied : camera === 'missing' ? labels.cameraMissing : camera === 'failed' ? labels.cameraFailed : null;
  const fieldError = typedError ?? error;
  const fieldId = `${id}-code`;
  const cameraOn = camera === 'on' || camera === 'starting';
  // Without camera access (an old browser, a page not served over HTTPS) there is nothing to press.
  const cameraSupported = hydrated && Boolean(navigator.mediaDevices?.getUserMedia);

  return (
    <div className="code-scanner">
      {cameraSupported ? (
        <div className="code-scanner-camera">
          <video ref={video} className="code-scanner-video" hidden={camera !== 'on'} playsInline muted aria-hidden="true" />
          {cameraMessage ? (
            <p className="code-scanner-error" role="alert">
              {cameraMessage}
            </p>
          ) : null}
          <button type="button" className="button primary code-scanner-toggle" onClick={cameraOn ? pauseCamera : startCamera} disabled={camera === 'starting'}>
            {cameraOn ? labels.pauseCamera : labels.startCamera}
          </button>
        </div>
      ) : hydrated ? (
        <p className="code-scanner-note">{labels.cameraMissing}</p>
      ) : null}
      <p className="code-scanner-status" role="status" aria-live="polite">
        {announcement}
      </p>
      <form method="post" action={action} className="code-scanner-form" onSubmit={hydrated ? onSubmit : undefined} noValidate>
        <div className={`field${fieldError ? ' has-error' : ''}`}>
          <label htmlFor={fieldId}>{labels.codeField}</label>
          <p className="hint" id={`${fieldId}-hint`}>
            {labels.codeHint}
          </p>
          <input
            id={fieldId}
            name="code"
            type="text"
            className="code-scanner-input"
            // Codes are Latin letters and digits: left to right in Arabic and Persian pages too.
            dir="ltr"
            defaultValue={defaultValue}
            autoComplete="off"
            autoCapitalize="characters"
            autoCorrect="off"
            spellCheck={false}
            enterKeyHint="go"
            required
            aria-invalid={fieldError ? true : undefined}
            aria-describedby={fieldError ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`}
            onInput={typedError ? () => setTypedError(null) : undefined}
          />
          {fieldError ? (
            <p className="field-error" id={`${fieldId}-error`}>
              {fieldError}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button">
          {labels.submit}
        </button>
      </form>
    </div>
  );
}
