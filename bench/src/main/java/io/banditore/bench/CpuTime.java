package io.banditore.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * CPU time (user + system, from /proc) of each process of the stack and of the whole machine over one scenario: on a
 * machine shared by broker, sandbox, load generator and service, this says who had the cores while a figure was
 * measured, and what the service itself spent, which wall-clock seconds alone cannot.
 */
final class CpuTime {

    /** Clock ticks per second of /proc's counters (USER_HZ, 100 on Linux). */
    private static final double HZ = 100.0;

    private final Map<String, Long> pids;
    private final Map<String, Long> start = new LinkedHashMap<>();
    private long machineStart;
    private long wallStart;

    CpuTime(Map<String, Long> pids) {
        this.pids = pids;
    }

    void begin() {
        wallStart = System.nanoTime();
        machineStart = machineTicks();
        pids.forEach((name, pid) -> start.put(name, ticks(pid)));
    }

    /** CPU seconds each process used since {@link #begin()}, the machine's busy seconds, and the wall-clock seconds. */
    ObjectNode end(ObjectMapper json) {
        ObjectNode out = json.createObjectNode();
        double wall = (System.nanoTime() - wallStart) / 1e9;
        out.put("wall", Stack.round(wall));
        pids.forEach((name, pid) -> out.put(name, Stack.round((ticks(pid) - start.get(name)) / HZ)));
        out.put("machine_busy", Stack.round((machineTicks() - machineStart) / HZ));
        out.put("machine_capacity", Stack.round(wall * Runtime.getRuntime().availableProcessors()));
        return out;
    }

    /** utime + stime of a process (fields 14 and 15 of /proc/PID/stat, counted after the command's closing bracket). */
    static long ticks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException | RuntimeException e) {
            return 0; // not there (any more): nothing to count
        }
    }

    /** Busy ticks of the whole machine: every field of /proc/stat's cpu line but idle and iowait. */
    static long machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long busy = 0;
            for (int i = 1; i < f.length && i <= 8; i++) {
                if (i != 4 && i != 5) {
                    busy += Long.parseLong(f[i]);
                }
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
