export declare const ESTIMATE_PATH: string;
export declare const BENCHMARK_PATH: string;
export declare const BENCHMARK_BODY: string;
export declare const API_ENV: Readonly<Record<'NODE_ENV' | 'PAYLENS_WORKERS' | 'RATE_LIMIT_MAX' | 'LOG_LEVEL', string>>;
