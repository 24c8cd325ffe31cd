/**
 * Fingerprint readers as a port (DESIGN R18, issue 6): {@link pos.core.biometric.BiometricReader} enrols,
 * verifies (1:1, clerk and supervisor) and identifies (1:N, member pay) fingers;
 * {@link pos.core.biometric.FingerPrint} is the opaque, driver-bound template; the exceptions are named for
 * the failure a clerk or a store's IT person has to act on. No I/O here: the adapter lives in pos-device.
 */
package pos.core.biometric;
