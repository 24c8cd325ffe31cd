package pos.device.webcam;

/**
 * Counters of a {@link WebcamScanner} since it was created. Immutable snapshot.
 *
 * @param framesCaptured       frames the capture thread got from the camera
 * @param framesDecoded        frames the decoder ran ZXing on
 * @param framesDropped        frames replaced by a newer one before the decoder took them (latest frame wins)
 * @param reads                codes read and published
 * @param duplicatesSuppressed reads of the same code again within the duplicate window, not published
 * @param maxFramesWaiting     the most frames ever waiting for the decoder at once (1 by design: never a queue)
 * @param awaitingAgreement    1D decodes not (yet) taken because no second frame agreed with them
 */
public record WebcamStats(long framesCaptured, long framesDecoded, long framesDropped, long reads, long duplicatesSuppressed,
        int maxFramesWaiting, long awaitingAgreement) {
}
