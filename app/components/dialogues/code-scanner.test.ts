// @vitest-environment happy-dom
/**
 * The scanner's markup without JavaScript, its camera error states and the typed code, in happy-dom. The
 * camera itself (getUserMedia granted, frames, BarcodeDetector/jsQR) needs a real phone; a refused or missing
 * camera is the browser's answer given here.
 */
import { act, createElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatCode, generateRegistrationCode } from '#app/domain/dialogues/registration-code';
import { CodeScanner, type CodeScannerLabels, type CodeScannerProps } from './code-scanner';

declare global {
  var IS_REACT_ACT_ENVIRONMENT: boolean;
}
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

const labels: CodeScannerLabels = {
  startCamera: 'Start camera',
  pauseCamera: 'Pause camera',
  codeRead: 'Code read:',
  notACode: 'This QR code is not a registration.',
  cameraDenied: 'The camera was not allowed. Type the code below.',
  cameraMissing: 'No camera available. Type the code below.',
  cameraFailed: 'The camera could not be started. Type the code below.',
  codeField: 'Registration code',
  codeHint: 'For example ABCD-EFGH-K',
  codeMistyped: 'This code is mistyped. Please check it.',
  submit: 'Check in',
};

const render = (props: Partial<CodeScannerProps> = {}) => createElement(CodeScanner, { labels, onCode: () => {}, ...props });

describe('without JavaScript (the server’s HTML)', () => {
  const html = renderToStaticMarkup(render({ action: '/musterstadt/veranstaltungen/42/check-in', error: 'Unknown code.', defaultValue: 'abcd' }));
  const page = new DOMParser().parseFromString(html, 'text/html');

  it('is a plain post form with a labelled code field and a submit button', () => {
    const form = page.querySelector('form');
    expect(form?.getAttribute('method')).toBe('post');
    expect(form?.getAttribute('action')).toBe('/musterstadt/veranstaltungen/42/check-in');
    const input = form?.querySelector('input[name="code"]');
    expect(input?.getAttribute('value')).toBe('abcd');
    expect(page.querySelector(`label[for="${input?.id}"]`)?.textContent).toBe('Registration code');
    expect(form?.querySelector('button[type="submit"]')?.textContent).toBe('Check in');
  });

  it('shows the server’s error tied to the field', () => {
    const input = page.querySelector('input[name="code"]');
    expect(input?.getAttribute('aria-invalid')).toBe('true');
    const described = (input?.getAttribute('aria-describedby') ?? '').split(' ').map((id) => page.getElementById(id)?.textContent);
    expect(described).toEqual(['For example ABCD-EFGH-K', 'Unknown code.']);
  });

  it('offers no camera control, which could not work, and has no inline style', () => {
    expect(page.querySelector('video')).toBeNull();
    expect(page.querySelector('button[type="button"]')).toBeNull();
    expect(html).not.toMatch(/style=/);
    expect(page.querySelector('[role="status"][aria-live="polite"]')).not.toBeNull();
  });
});

describe('in the browser', () => {
  let container: HTMLElement;
  let root: Root;

  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
  });

  afterEach(async () => {
    await act(async () => root.unmount());
    container.remove();
    Reflect.deleteProperty(navigator, 'mediaDevices');
  });

  const mount = (props: Partial<CodeScannerProps> = {}) => act(async () => root.render(render(props)));
  /** What the browser answers to a camera request: here, a refusal with the given DOMException name. */
  const cameraAnswers = (name: string) =>
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia: () => Promise.reject(new DOMException('refused', name)) },
    });
  const button = (text: string) => [...container.querySelectorAll('button')].find((element) => element.textContent === text);

  it('says there is no camera where the browser offers no camera access, and keeps the form', async () => {
    await mount();
    expect(container.querySelector('.code-scanner-note')?.textContent).toBe(labels.cameraMissing);
    expect(button(labels.startCamera)).toBeUndefined();
    expect(container.querySelector('input[name="code"]')).not.toBeNull();
  });

  it.each([
    ['NotAllowedError', labels.cameraDenied],
    ['NotFoundError', labels.cameraMissing],
    ['AbortError', labels.cameraFailed],
  ])('explains a camera refused with %s, and offers to try again', async (name, message) => {
    cameraAnswers(name);
    await mount();
    expect(container.querySelector('[role="alert"]')).toBeNull();
    await act(async () => button(labels.startCamera)?.click());
    expect(container.querySelector('[role="alert"]')?.textContent).toBe(message);
    expect(button(labels.startCamera)?.disabled).toBe(false);
    expect(container.querySelector('video')?.hidden).toBe(true);
  });

  it('does not ask for the camera before the button is pressed', async () => {
    const getUserMedia = vi.fn(() => Promise.reject(new DOMException('refused', 'NotAllowedError')));
    Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: { getUserMedia } });
    await mount();
    expect(getUserMedia).not.toHaveBeenCalled();
    await act(async () => button(labels.startCamera)?.click());
    expect(getUserMedia).toHaveBeenCalledWith({ video: { facingMode: { ideal: 'environment' } }, audio: false });
  });

  async function typeAndSubmit(text: string) {
    const input = container.querySelector<HTMLInputElement>('input[name="code"]')!;
    input.value = text;
    await act(async () => {
      container.querySelector('form')!.dispatchEvent(new Event('submit', { bubbles: true, cancelable: true }));
    });
    return input;
  }

  it('hands a typed code, normalised, to onCode', async () => {
    const code = generateRegistrationCode();
    const onCode = vi.fn();
    await mount({ onCode });
    const input = await typeAndSubmit(` ${formatCode(code).toLowerCase()} `);
    expect(onCode).toHaveBeenCalledWith(code);
    expect(input.value).toBe('');
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('catches a mistyped code before anything is sent', async () => {
    const code = generateRegistrationCode();
    const onCode = vi.fn();
    await mount({ onCode });
    const mistyped = code.slice(0, 8) + (code[8] === '0' ? '1' : '0');
    const input = await typeAndSubmit(mistyped);
    expect(onCode).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(container.querySelector(`#${CSS.escape(`${input.id}-error`)}`)?.textContent).toBe(labels.codeMistyped);
    expect(input.value).toBe(mistyped);
  });
});
