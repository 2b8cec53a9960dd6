/** Types of scripts/start.mjs for the TypeScript tests (tools/start.test.ts). */
export declare const SERVER_INPUTS: string[];
/** SHA-256 over the sorted relative paths and contents of the server bundle's inputs (tests excluded). */
export declare function serverSourceHash(base?: string): string;
/** The bundle of tools/demo/start.ts, built when its sources changed. */
export declare function bundleDemoServer(options?: { dir?: string }): Promise<{ entry: string; built: boolean; ms: number }>;
