package pos.app.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.Property;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.scene.Node;

/**
 * The bindings and listeners a view makes to its view model, undone together by {@link #close()}
 * when the view goes away (so a disposed view neither leaks nor reacts). FX thread only.
 */
public final class ViewBindings implements AutoCloseable {

    private final List<Runnable> undo = new ArrayList<>();

    /** {@code target} follows {@code source}. */
    public <T> void bind(Property<T> target, ObservableValue<? extends T> source) {
        target.bind(source);
        undo.add(target::unbind);
    }

    /** {@code a} and {@code b} follow each other (a field and its view model's text). */
    public <T> void bindBoth(Property<T> a, Property<T> b) {
        a.bindBidirectional(b);
        undo.add(() -> a.unbindBidirectional(b));
    }

    /** {@code node} shows only while {@code visible} holds, and takes no room while hidden. */
    public void show(Node node, ObservableValue<Boolean> visible) {
        bind(node.visibleProperty(), visible);
        bind(node.managedProperty(), node.visibleProperty());
    }

    /** {@code node} is disabled while {@code disabled} holds. */
    public void disable(Node node, ObservableValue<Boolean> disabled) {
        bind(node.disableProperty(), disabled);
    }

    /** {@code node} carries {@code styleClass} while {@code on} holds. */
    public void style(Node node, String styleClass, ObservableValue<Boolean> on) {
        listen(on, now -> {
            node.getStyleClass().remove(styleClass);
            if (Boolean.TRUE.equals(now)) {
                node.getStyleClass().add(styleClass);
            }
        });
    }

    /** Calls {@code listener} with the value now and after each change. */
    public <T> void listen(ObservableValue<T> value, java.util.function.Consumer<? super T> listener) {
        ChangeListener<T> change = (obs, old, now) -> listener.accept(now);
        value.addListener(change);
        undo.add(() -> value.removeListener(change));
        listener.accept(value.getValue());
    }

    /** Calls {@code listener} now and after each change of {@code list}. */
    public <T> void listen(ObservableList<T> list, Runnable listener) {
        ListChangeListener<T> change = c -> listener.run();
        list.addListener(change);
        undo.add(() -> list.removeListener(change));
        listener.run();
    }

    /** Runs {@code action} when the view goes away (a timer's stop). */
    public void onClose(Runnable action) {
        undo.add(action);
    }

    @Override
    public void close() {
        for (int i = undo.size() - 1; i >= 0; i--) {
            undo.get(i).run();
        }
        undo.clear();
    }
}
