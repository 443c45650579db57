// DNS rebinding: a web page can make a browser on this machine resolve its own name to
// 127.0.0.1 and read the status port. The browser still sends that name in `Host`, so
// only loopback names are served: 127.0.0.0/8, localhost, [::1] (with any port, or none).
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|\[::1\])(?::\d{1,5})?$/i;

/** True if a request with this Host header may be answered. */
export function isLoopbackHost(host: string | undefined): boolean {
  return host !== undefined && LOOPBACK.test(host.trim());
}
