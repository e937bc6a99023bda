/// Upper bounds on task settings, so a slip like `--gap 100000000` gets a message instead of
/// filling memory while the held-out set is built.
public enum TaskLimits {
  /// The most steps in one sequence (training crop, held-out window or synthetic sequence).
  public static let sequenceLength = 10_000
  /// The most held-out sequences or windows.
  public static let heldOutCount = 100_000

  /// Throws `TaskError.settingTooLarge` when `value` is above `maximum`.
  static func require(_ value: Int, atMost maximum: Int, setting: String) throws(TaskError) {
    if value > maximum { throw .settingTooLarge(setting: setting, value: value, maximum: maximum) }
  }
}
