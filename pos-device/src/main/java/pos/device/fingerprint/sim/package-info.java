/**
 * A simulated fingerprint sensor for tests, benchmarks and PCs without a reader: {@link
 * pos.device.fingerprint.sim.SyntheticFinger} generates fingers from seeds and {@link
 * pos.device.fingerprint.sim.VirtualFinger} presses them on libfprint's virtual_image driver, so the real
 * libfprint stack (minutiae detection, bozorth3 matching) runs end to end.
 */
package pos.device.fingerprint.sim;
