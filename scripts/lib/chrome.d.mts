/** Where Chromium or Chrome is usually installed, in the order they are tried. */
export declare const CHROME_CANDIDATES: readonly string[];
/** Headless flags that keep Chromium quiet on a closed network. */
export declare const CHROME_FLAGS: string[];
/** `CHROME_PATH` when it exists, else the first installed candidate. */
export declare function findChrome(): string | undefined;
/** The browser to launch. */
export declare function chromeExecutable(): string;
