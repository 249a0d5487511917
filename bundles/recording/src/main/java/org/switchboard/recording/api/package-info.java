/**
 * Voice storage: which calls are recorded, where the files go, their metadata, retention and who
 * listened to what.
 *
 * <p>A voice channel asks the {@link org.switchboard.recording.api.RecordingCatalog} whether a call
 * is to be recorded ({@link org.switchboard.recording.api.RecordingCatalog#shouldRecord}), {@link
 * org.switchboard.recording.api.RecordingCatalog#plan plans} a recording (an id and a file under
 * the recordings directory), starts it in the media engine, hands the live handle over ({@link
 * org.switchboard.recording.api.RecordingCatalog#started}) so it can be paused from the desktop,
 * and reports the finished file ({@link org.switchboard.recording.api.RecordingCatalog#stored}).
 * Every opening of a recording's audio is written to the access log.
 */
@org.osgi.annotation.versioning.Version("1.1.0")
package org.switchboard.recording.api;
