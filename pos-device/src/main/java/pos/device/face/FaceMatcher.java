package pos.device.face;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import pos.core.biometric.AmbiguousMatchException;

/**
 * The face reader's decision (issue 16), pure Java: a person's distance to a few probe faces is, for each probe, the
 * nearest of the person's enrolled faces, averaged over the probes. A person is named only when that distance is
 * under the threshold and clearly (by the margin) nearer than every other person; two people both under the
 * threshold and not clearly apart is a doubt ({@link AmbiguousMatchException}), never a pick. Immutable.
 */
public record FaceMatcher(double threshold, double margin) {

    /** One enrolled print's owner and distance. Immutable. */
    public record Candidate(int index, Object owner, double distance) { }

    /** The distance from the probes to one print (its enrolled faces). */
    public static double distance(List<float[]> probes, List<float[]> enrolled) {
        double sum = 0;
        for (float[] probe : probes) {
            double nearest = Double.MAX_VALUE;
            for (float[] face : enrolled) {
                nearest = Math.min(nearest, FaceHistogram.distance(probe, face));
            }
            sum += nearest;
        }
        return sum / probes.size();
    }

    public boolean matches(double distance) {
        return distance < threshold;
    }

    /**
     * The best print of the best owner, when it is a match and clearly better than the best other owner.
     *
     * @param distances each print's distance, in gallery order
     * @param owners each print's owner (equals)
     */
    public Optional<Candidate> pick(List<Double> distances, List<?> owners) {
        Map<Object, Candidate> bestPerOwner = new LinkedHashMap<>();
        for (int i = 0; i < distances.size(); i++) {
            Candidate candidate = new Candidate(i, owners.get(i), distances.get(i));
            bestPerOwner.merge(Objects.requireNonNull(owners.get(i), "owner"), candidate,
                    (kept, other) -> other.distance() < kept.distance() ? other : kept);
        }
        List<Candidate> ranked = new ArrayList<>(bestPerOwner.values());
        ranked.sort(java.util.Comparator.comparingDouble(Candidate::distance));
        if (ranked.isEmpty() || !matches(ranked.get(0).distance())) {
            return Optional.empty();
        }
        Candidate best = ranked.get(0);
        if (ranked.size() == 1 || ranked.get(1).distance() - best.distance() >= margin) {
            return Optional.of(best);
        }
        if (matches(ranked.get(1).distance())) {
            throw AmbiguousMatchException.ofFace(best.index(), ranked.get(1).index());
        }
        return Optional.empty();
    }
}
