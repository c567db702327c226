package io.banditore.channel.shortvideo.video;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;

import org.jboss.logging.Logger;

import io.banditore.channel.shortvideo.subtitle.Cue;

/**
 * The voice: espeak-ng says each cue's text, and each utterance is placed at its cue's start in one track as long as
 * the video, so that voice and subtitles never drift apart. An utterance longer than the time until the next cue is
 * said again faster, up to twice the pace.
 */
final class SpeechTrack {

    private static final Logger LOG = Logger.getLogger(SpeechTrack.class);
    private static final double MAX_SPEED_UP = 2.0;

    private final String espeak;
    private final int wordsPerMinute;
    private final Duration timeout;

    SpeechTrack(String espeak, int wordsPerMinute, Duration timeout) {
        this.espeak = espeak;
        this.wordsPerMinute = wordsPerMinute;
        this.timeout = timeout;
    }

    /** Writes the track to {@code out} (WAV, 16-bit mono PCM at espeak's rate). */
    void write(List<Cue> cues, long durationMs, String voice, Path dir, Path out)
            throws IOException, InterruptedException, UnsupportedAudioFileException {
        AudioFormat format = null;
        byte[] track = null;
        for (int i = 0; i < cues.size(); i++) {
            Cue cue = cues.get(i);
            long slotMs = (i + 1 < cues.size() ? cues.get(i + 1).startMs() : durationMs) - cue.startMs();
            Path text = dir.resolve("cue-" + cue.index() + ".txt");
            Files.writeString(text, cue.text() + "\n", StandardCharsets.UTF_8);
            Utterance said = say(text, voice, wordsPerMinute, dir, cue.index());
            if (said.ms() > slotMs) {
                int faster = (int) Math.ceil(wordsPerMinute * Math.min(MAX_SPEED_UP, said.ms() * 1.05 / slotMs));
                said = say(text, voice, faster, dir, cue.index());
            }
            if (format == null) {
                format = said.format();
                track = new byte[frameOffset(durationMs, format)];
            }
            int at = frameOffset(cue.startMs(), format);
            int room = Math.min(frameOffset(slotMs, format), track.length - at);
            int length = Math.min(said.pcm().length, room);
            if (length < said.pcm().length) {
                LOG.warnf("Cue %d is said in %d ms but has %d ms; its end is cut", cue.index(), said.ms(), slotMs);
            }
            System.arraycopy(said.pcm(), 0, track, at, length);
        }
        if (format == null) {
            throw new IOException("nothing to say");
        }
        try (AudioInputStream stream = new AudioInputStream(new ByteArrayInputStream(track), format, track.length / format.getFrameSize())) {
            AudioSystem.write(stream, AudioFileFormat.Type.WAVE, out.toFile());
        }
    }

    private record Utterance(AudioFormat format, byte[] pcm, long ms) {
    }

    private Utterance say(Path text, String voice, int rate, Path dir, int index) throws IOException, InterruptedException, UnsupportedAudioFileException {
        Path wav = dir.resolve("cue-" + index + ".wav");
        var result = ExternalCommand.run(List.of(espeak, "-v", voice, "-s", Integer.toString(rate), "-w", wav.getFileName().toString(),
                "-f", text.getFileName().toString()), dir, timeout, "espeak-" + index);
        if (!result.ok()) {
            throw new IOException("espeak-ng failed (" + result.exitCode() + "): " + result.output());
        }
        try (AudioInputStream in = AudioSystem.getAudioInputStream(wav.toFile())) {
            AudioFormat format = in.getFormat();
            if (format.getEncoding() != AudioFormat.Encoding.PCM_SIGNED || format.getSampleSizeInBits() != 16) {
                throw new IOException("espeak-ng wrote " + format + ", not 16-bit PCM");
            }
            byte[] pcm = in.readAllBytes();
            long ms = (long) (pcm.length / format.getFrameSize() * 1000.0 / format.getFrameRate());
            return new Utterance(format, pcm, ms);
        }
    }

    private static int frameOffset(long ms, AudioFormat format) {
        return (int) (ms * format.getFrameRate() / 1000) * format.getFrameSize();
    }

    /** espeak-ng's voice for a language tag: its primary language ("it-IT" is "it"). */
    static String voiceFor(String language) {
        String primary = language == null ? "it" : language.split("[-_]")[0].toLowerCase(Locale.ROOT);
        return primary.matches("[a-z]{2,3}") ? primary : "it";
    }
}
