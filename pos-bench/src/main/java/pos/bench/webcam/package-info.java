/** The till's webcam pipeline against bare ZXing decoding of the same frames (issue 5). */
package pos.bench.webcam;
