package io.banditore.channel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The last results of a pure function, kept for the inputs asked most recently (at most {@code capacity}). A
 * fan-out renders the same text for hundreds of towns, and measuring it (twitter-text's parse, a subtitle
 * layout) costs far more than looking it up. Safe from any thread.
 */
public final class Memo<K, V> {

    private final Function<K, V> function;
    private final Map<K, V> recent;

    public Memo(int capacity, Function<K, V> function) {
        this.function = function;
        this.recent = new LinkedHashMap<>(capacity * 4 / 3 + 1, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    public V apply(K input) {
        synchronized (recent) {
            V known = recent.get(input);
            if (known != null) {
                return known;
            }
        }
        // Computed outside the lock: two threads may both compute a new input, and get the same answer.
        V value = function.apply(input);
        synchronized (recent) {
            recent.put(input, value);
        }
        return value;
    }
}
