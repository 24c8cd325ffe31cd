/** Face authorisation's speed (issue 16, R18): the till's worker path against OpenCV called in process. */
package pos.bench.face;
