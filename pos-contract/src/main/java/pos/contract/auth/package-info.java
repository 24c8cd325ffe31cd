/**
 * Who may say what across the store network (issue 10's trust boundary): secrets from 0600 files or
 * the environment ({@link pos.contract.auth.SecretFiles}), each till's credential issued and revoked by
 * the hub ({@link pos.contract.auth.TillCredential}), the till's signature on its stream entries
 * ({@link pos.contract.auth.EntrySignature}), and Ed25519 signatures for what the hub and the store
 * owner publish ({@link pos.contract.auth.Ed25519}).
 */
package pos.contract.auth;
