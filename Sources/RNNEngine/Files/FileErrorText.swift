import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file-system error as a short sentence ("Not a directory"), never Foundation's
/// "The operation could not be completed. (NSCocoaErrorDomain error 512.)".
public enum FileErrorText {
  /// The system's reason for `error`: the POSIX error underneath a Foundation one when there is one.
  public static func describe(_ error: Error) -> String {
    let nsError = error as NSError
    if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
    // On Linux the underlying error is stored as a Swift `Error`, which `as? NSError` does not match.
    if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? Error {
      let underlyingError = underlying as NSError
      if underlyingError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(underlyingError.code))) }
    }
    guard nsError.domain == NSCocoaErrorDomain else { return nsError.localizedDescription }
    switch nsError.code {
    case NSFileNoSuchFileError, NSFileReadNoSuchFileError: return "no such file or directory"
    case NSFileReadNoPermissionError, NSFileWriteNoPermissionError: return "permission denied"
    case NSFileWriteOutOfSpaceError: return "no space left on the device"
    case NSFileWriteVolumeReadOnlyError: return "read-only file system"
    case NSFileWriteFileExistsError: return "a file of that name is in the way"
    default: return "the file system refused (Foundation error \(nsError.code))"
    }
  }
}
