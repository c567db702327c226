package io.banditore.channel.shortvideo.video;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a program with its arguments as a list (no shell ever reads them), in a working directory, within a time
 * limit; its output goes to a file there, and the end of it is kept for the error message.
 */
final class ExternalCommand {

    private static final int TAIL = 600;

    record Result(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    private ExternalCommand() {
    }

    static Result run(List<String> command, Path directory, Duration timeout, String logName) throws IOException, InterruptedException {
        Path log = directory.resolve(logName + ".log");
        Process process = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return new Result(-1, command.get(0) + " did not finish within " + timeout + "; stopped");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            throw e;
        }
        return new Result(process.exitValue(), tail(log));
    }

    private static String tail(Path log) throws IOException {
        String text = Files.readString(log, StandardCharsets.UTF_8).strip();
        return text.length() > TAIL ? "…" + text.substring(text.length() - TAIL) : text;
    }
}
