/**
 * Machinery behind the public harness classes: finding binaries, picking ports, owning temp
 * directories, launching and supervising child processes, and sweeping what a dead JVM left
 * behind. Not API: other modules must not use these classes directly.
 */
package pos.testkit.internal;
