package io.banditore.directory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the directory of targets is read from. */
@ConfigMapping(prefix = "banditore.directory")
public interface DirectoryConfig {

    /** The YAML directory of targets: a file path, or "classpath:" and a resource name. */
    @WithDefault("classpath:directory/empty.yaml")
    String location();
}
