export declare const THEME: string;
export declare function iconPng(size: number): Buffer;
export declare function manifest(): Record<string, unknown>;
export declare function writeOfflineFiles(dist: string, template: string): number;
