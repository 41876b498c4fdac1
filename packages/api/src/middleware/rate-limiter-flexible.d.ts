// rate-limiter-flexible documents importing its in-memory limiter directly
// (`rate-limiter-flexible/lib/RateLimiterMemory.js`), so that its other limiters (Redis, SQL, …)
// are not loaded; its type declarations only describe the package's main entry.
declare module 'rate-limiter-flexible/lib/RateLimiterMemory.js' {
  import type { RateLimiterMemory } from 'rate-limiter-flexible';

  const Limiter: typeof RateLimiterMemory;
  export default Limiter;
}
