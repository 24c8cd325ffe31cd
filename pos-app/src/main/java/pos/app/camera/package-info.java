/** The webcam's settings: which camera the till scans with, chosen from those plugged in, with a live picture. */
package pos.app.camera;
