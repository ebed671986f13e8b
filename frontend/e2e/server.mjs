// A real API server for the end-to-end run: fresh SQLite database, migrations applied, the demo
// loaded (as scripts/run.sh does), the built app served, on a free port.
import { execFileSync, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

const repo = resolve(import.meta.dirname, "..", "..");
const venv = join(repo, ".venv", "bin");

function freePort() {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => ok(port));
    });
  });
}

export async function startServer() {
  const dir = mkdtempSync(join(tmpdir(), "marac-e2e-"));
  const password = randomBytes(18).toString("base64url");
  const env = {
    ...process.env,
    MARAC_ENVIRONMENT: "demo",
    MARAC_DATABASE_URL: `sqlite:///${join(dir, "e2e.db")}`,
    MARAC_JWT_SECRET: randomBytes(48).toString("base64url"),
    MARAC_AUDIT_KEY: randomBytes(48).toString("base64url"),
    MARAC_DEMO_PASSWORD: password,
    MARAC_FRONTEND_DIST: join(repo, "frontend", "dist"),
    MARAC_HOUSEKEEPING_INTERVAL_SECONDS: "0",
    MARAC_LOG_LEVEL: "WARNING",
  };
  execFileSync(join(venv, "alembic"), ["upgrade", "head"], { cwd: repo, env, stdio: "ignore" });
  execFileSync(join(venv, "python"), ["-m", "api.demo"], { cwd: repo, env, stdio: "ignore" });
  const port = await freePort();
  const child = spawn(join(venv, "uvicorn"), ["api.asgi:app", "--host", "127.0.0.1", "--port", String(port)],
    { cwd: repo, env, stdio: ["ignore", "ignore", "inherit"] });
  const base = `http://127.0.0.1:${port}`;
  let ready = false;
  for (let i = 0; i < 300 && !ready && child.exitCode === null; i++) {
    ready = await fetch(`${base}/ready`).then((r) => r.ok, () => false);
    if (!ready) await new Promise((r) => setTimeout(r, 200));
  }
  if (!ready) {
    child.kill("SIGTERM");
    throw new Error("the API server did not become ready (its error output is above)");
  }
  return {
    base,
    password,
    database: join(dir, "e2e.db"),
    stop() {
      child.kill("SIGTERM");
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A tiny typed-enough API client for setting up data the way a partner system would. */
export function api(base) {
  async function call(method, path, { token, body, headers = {} } = {}) {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(body ? { "Content-Type": "application/json" } : {}),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return { data, headers: response.headers };
  }
  return {
    async login(email, password) {
      return (await call("POST", "/api/v1/auth/login", { body: { email, password } })).data.access_token;
    },
    get: (path, token) => call("GET", path, { token }),
    post: (path, token, body, headers) => call("POST", path, { token, body, headers }),
    patch: (path, token, body, headers) => call("PATCH", path, { token, body, headers }),
  };
}

/** A complete, eligible referral (15 DASH yes answers), as tests/referrals/factories.py. */
export function referralBody(panelId, victim) {
  const answers = Object.fromEntries(Array.from({ length: 24 }, (_, i) => [`q${i + 1}`, i < 15 ? "yes" : "no"]));
  return {
    panel_id: panelId,
    referral_date: new Date().toISOString().slice(0, 10),
    referrer: { name: "PC Demo", email: "pc.demo@demo.invalid" },
    victim: { given_names: victim.given, family_name: victim.family, date_of_birth: victim.dob, postcode: "ZZ1 1AA" },
    perpetrators: [{ given_names: "Sam", family_name: "Sample", date_of_birth: "1988-02-02" }],
    children: [],
    relationships: [{ person: "perpetrator.0", other: "victim", relationship: "ex-partner" }],
    reason: "Escalating abuse after separation (demo data).",
    risks_identified: ["strangulation"],
    victim_aware: true,
    consent: { status: "given", method: "verbal" },
    risk_assessment: { instrument_key: "dash", instrument_version: "2009-v1", answers },
  };
}

/** A TOTP code (RFC 6238: SHA-1, 6 digits, 30 s) for a base32 secret, `ahead` steps from now. */
export function totp(secret, ahead = 0) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of secret.replace(/=+$/, "").toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 30_000) + ahead));
  const mac = createHmac("sha1", key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, "0");
}
