import Foundation

/// Writes a line to standard error (messages for the person, never mixed into piped results).
func printError(_ message: String) {
  FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// Writes a line to standard output at once (unbuffered, so piped readers see each epoch as it ends).
func printLine(_ line: String) {
  FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
