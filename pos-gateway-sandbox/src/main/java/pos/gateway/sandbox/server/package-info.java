/**
 * The HTTP face of the sandbox gateway on Javalin: routes, bounded JSON bodies, error answers,
 * latency and timeout knobs. The only package that knows Javalin.
 */
package pos.gateway.sandbox.server;
