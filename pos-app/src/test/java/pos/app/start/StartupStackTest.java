package pos.app.start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("StartupStack (issue 11: a failed start-up closes what it opened)")
class StartupStackTest {

    final List<String> closed = new ArrayList<>();

    AutoCloseable part(String name) {
        return () -> closed.add(name);
    }

    @Test
    @DisplayName("a step that fails closes every part opened before it, the latest first, and names the step")
    void aFailedStepClosesTheEarlierPartsInReverseOrder() {
        StartupStack stack = new StartupStack();
        stack.open("start.step.journal", () -> part("journal"));
        stack.open("start.step.redis", () -> part("redis"));
        stack.open("start.step.sync", () -> part("sync"));

        assertThatThrownBy(() -> stack.open("start.step.payments", () -> {
            throw new IllegalStateException("the gateway URL answers no HTTP");
        })).isInstanceOfSatisfying(TillStartException.class, e -> {
            assertThat(e.stepKey()).isEqualTo("start.step.payments");
            assertThat(e.reason()).isEqualTo("the gateway URL answers no HTTP");
            assertThat(e.getMessage()).contains("start.step.payments").contains("the gateway URL answers no HTTP");
            assertThat(e.closedSteps()).containsExactly("start.step.sync", "start.step.redis", "start.step.journal");
        });
        assertThat(closed).containsExactly("sync", "redis", "journal");
        assertThat(stack.openSteps()).isEmpty();
    }

    @Test
    @DisplayName("a part that fails to close does not keep the others open; a switched-off (null) part registers nothing")
    void aPartThatFailsToCloseDoesNotStopTheOthers() {
        StartupStack stack = new StartupStack();
        stack.open("start.step.journal", () -> part("journal"));
        stack.open("start.step.vouchers", () -> null, part -> closed.add("never"));
        stack.open("start.step.rules", () -> () -> {
            throw new IllegalStateException("rule cache already closed");
        });
        stack.open("start.step.people", () -> part("people"));

        assertThatThrownBy(() -> stack.run("start.step.devices", () -> {
            throw new IllegalStateException("no display");
        })).isInstanceOfSatisfying(TillStartException.class,
                e -> assertThat(e.closedSteps()).containsExactly("start.step.people", "start.step.rules", "start.step.journal"));
        assertThat(closed).containsExactly("people", "journal");
    }

    @Test
    @DisplayName("a running till closes in reverse order once; a second close does nothing")
    void closeIsReverseOrderAndIdempotent() {
        StartupStack stack = new StartupStack();
        stack.open("a", () -> part("a"));
        stack.open("b", () -> part("b"));
        stack.onClose("c", part("c"));
        stack.close();
        stack.close();
        assertThat(closed).containsExactly("c", "b", "a");
    }
}
