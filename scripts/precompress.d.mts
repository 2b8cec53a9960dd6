export declare const COMPRESSIBLE: Set<string>;
export declare const MIN_BYTES: number;
/** Writes the .br and .gz of every compressible file of `dir` (recursively) that lacks an up-to-date one; returns how many. */
export declare function precompress(dir: string): Promise<number>;
