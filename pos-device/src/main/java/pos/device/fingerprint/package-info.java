/**
 * Fingerprint readers through libfprint-2 (DESIGN R18, §7; issue 6).
 *
 * <ul>
 *   <li>{@link pos.device.fingerprint.LibfprintReader}: the {@link pos.core.biometric.BiometricReader}
 *       adapter the till uses; it never loads libfprint itself;</li>
 *   <li>{@link pos.device.fingerprint.FingerprintWorkerClient}: starts and supervises the worker process,
 *       times out every call, restarts a dead or hung worker;</li>
 *   <li>{@link pos.device.fingerprint.FingerprintWorkerMain}: the worker's {@code main}, owning libfprint,
 *       speaking {@link pos.device.fingerprint.WorkerMessage} frames on stdin/stdout;</li>
 *   <li>{@link pos.device.fingerprint.LibfprintSession}: libfprint-2 and GLib through JNA in the current
 *       process (the worker, and the benchmark's raw baseline), every GObject unreffed and GError freed;</li>
 *   <li>{@code pos.device.fingerprint.sim}: generated fingers and a finger for libfprint's virtual_image
 *       driver, for tests, benchmarks and demos.</li>
 * </ul>
 */
package pos.device.fingerprint;
