/**
 * What the till's supervised worker processes (face, fingerprint) have in common: the java command that starts one
 * ({@link pos.device.worker.WorkerCommand}) and the slot that restarts a dead one on the next call
 * ({@link pos.device.worker.WorkerSlot}). No native code here: JNA stays in {@code pos.device.fingerprint}.
 */
package pos.device.worker;
