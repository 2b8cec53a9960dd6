/** SHA-256 over the sorted relative paths and contents of the web build's inputs (in the repository at `base`). */
export declare function sourceHash(base?: string): string;
/** Whether the web build in `base`/apps/web/dist is complete and was built from sources with this hash. */
export declare function isUpToDate(hash: string, base?: string): boolean;
/** Builds the web app (or, with ifChanged, only when its sources changed); true when it built. */
export declare function buildWeb(options?: { ifChanged?: boolean }): Promise<boolean>;
