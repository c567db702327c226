package io.banditore.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A signing key pair made for this test run only: the service verifies with the public key, {@link Tokens} signs with the private one. */
public class TokenKeysResource implements QuarkusTestResourceLifecycleManager {

    public static final String ISSUER = "https://banditore.test";

    private Path dir;

    @Override
    public Map<String, String> start() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            dir = Files.createTempDirectory("banditore-jwt-");
            Path publicKey = write("public.pem", "PUBLIC KEY", pair.getPublic().getEncoded());
            Path privateKey = write("private.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());
            return Map.of("mp.jwt.verify.publickey.location", publicKey.toString(),
                    "mp.jwt.verify.issuer", ISSUER,
                    "smallrye.jwt.sign.key.location", privateKey.toString(),
                    "smallrye.jwt.new-token.issuer", ISSUER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Path write(String name, String type, byte[] der) throws IOException {
        String pem = "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der) + "\n-----END " + type + "-----\n";
        return Files.writeString(dir.resolve(name), pem);
    }

    @Override
    public void stop() {
        if (dir != null) {
            dir.toFile().listFiles(f -> f.delete());
            dir.toFile().delete();
        }
    }
}
