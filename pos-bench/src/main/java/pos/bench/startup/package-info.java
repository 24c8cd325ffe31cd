/**
 * {@code ./pos bench startup} (issue 14 point 4): the till's launch-to-usable time and resident memory, next to a
 * minimal JavaFX window started the same way (the floor), on a virtual display of its own.
 */
package pos.bench.startup;
