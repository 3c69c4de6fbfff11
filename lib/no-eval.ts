import { z } from 'zod';

// Zod 4 compiles a fast parser with `new Function` when it thinks eval is allowed, and probes for it
// with a caught `Function('')`. Loupe's CSP (script-src 'self') forbids both, and a page step's
// ISOLATED world must never evaluate strings either: parse the slow, eval-free way everywhere. Every
// entrypoint that bundles zod imports this module first (test/unit/security/bundle.test.ts checks).
z.config({ jitless: true });
