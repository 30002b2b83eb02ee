package dev.grok2api.core.upstream;

import java.util.Objects;

/**
 * Grok's answer to an upload.
 *
 * @param fileMetadataId the id to put in a chat's {@code fileAttachments}, never blank
 * @param fileUri the asset path relative to the assets host ({@code users/<uid>/<id>/content}), or empty
 */
public record UploadedFile(String fileMetadataId, String fileUri) {
    public UploadedFile {
        Objects.requireNonNull(fileMetadataId, "fileMetadataId");
        Objects.requireNonNull(fileUri, "fileUri");
    }
}
