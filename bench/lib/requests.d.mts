export declare const ESTIMATE_PATH: string;
export declare const BENCHMARK_PATH: string;
export declare const BENCHMARK_BODY: string;
