import { Window } from 'happy-dom';

/** A server-side DOM that never runs or fetches anything: for serialising posts, and for checking them in tests. */
export const scriptlessWindow = () =>
  new Window({
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      disableComputedStyleRendering: true,
    },
  });
