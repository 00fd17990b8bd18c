package dev.wdfrr.runtime;

/** The run was configured wrongly (a bad count, an unknown parameter): the user's mistake, not a finding. */
public class ConfigurationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigurationException(String message) {
        super(message);
    }
}
