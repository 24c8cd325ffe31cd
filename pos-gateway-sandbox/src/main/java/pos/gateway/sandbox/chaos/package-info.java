/**
 * The knobs that make the sandbox misbehave like a real gateway on a bad day, and the seeded dice
 * they are rolled with.
 */
package pos.gateway.sandbox.chaos;
