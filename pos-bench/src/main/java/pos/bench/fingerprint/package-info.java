/** Fingerprint identification latency through the till's worker process against libfprint called in process (issue 6). */
package pos.bench.fingerprint;
