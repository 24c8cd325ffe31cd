/** Throw-away certificate authorities and server certificates for TLS test servers. */
package pos.testkit.tls;
