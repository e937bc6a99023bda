extension TrainingConfig {
  /// The task this config trains on, reading its text file again if it names one.
  public func makeTask() throws -> any SequenceTask {
    let text = try textPath.map { path in try TextSource.load(path: path) }
    return try task.makeTask(text: text)
  }
}
