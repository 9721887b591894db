export declare const DEFAULT_CHROMIUM_PATH: string;
export declare const INSTALL_COMMAND: string;
export declare const CHROMIUM_ARGS: readonly string[];
export declare function findChromium(): string | null;
export declare function requireChromium(): string;
export declare function ensureChromium(log?: (line: string) => void): string | null;
