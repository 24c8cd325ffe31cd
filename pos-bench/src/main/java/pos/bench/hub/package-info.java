/** The store hub's HTTP paths (payment status, signed notifications) against a bare Javalin endpoint (issue 10). */
package pos.bench.hub;
