import { z } from 'zod';

// The server's Content Security Policy forbids eval. Zod's JIT probes for it with `new Function`,
// which Chromium reports as a violation even though Zod catches the error; jitless skips the probe.
// Imported first by main.tsx so it runs before any schema parses.
z.config({ jitless: true });
