import Foundation
import RNNEngine

/// Writes a line to standard error (messages for the person, never mixed into piped results), with
/// control characters escaped: messages quote file names and contents.
func printError(_ message: String) {
  FileHandle.standardError.write(Data((escapingControlCharacters(message) + "\n").utf8))
}

/// Writes a line to standard output at once (unbuffered, so piped readers see each epoch as it ends),
/// with control characters escaped.
func printLine(_ line: String) {
  FileHandle.standardOutput.write(Data((escapingControlCharacters(line) + "\n").utf8))
}

/// Writes a command's output file as it is: `-` is standard output, anything else goes through
/// `AtomicFile` (which writes devices and FIFOs directly and follows links).
func writeOutputFile(_ data: Data, to path: String) throws {
  if path == "-" {
    FileHandle.standardOutput.write(data)
    return
  }
  try AtomicFile.write(data, to: URL(fileURLWithPath: path))
}
