import Foundation

extension RecurrentModel {
  /// The model in `file`: an rnnscope checkpoint (rebuilt from its stored config) or a PyTorch
  /// `state_dict` (recognised by `ImportedRecurrentModel` with `options`).
  public static func load(from file: SafeTensorsFile, options: ImportedRecurrentModel.Options = .init()) throws
    -> RecurrentModel
  {
    guard CheckpointFormat.isCheckpoint(file) else {
      return try RecurrentModel(imported: ImportedRecurrentModel(file: file, options: options), fileName: file.fileName)
    }
    // The decoded config skipped ModelConfig's checks; a hand-edited file must not trap.
    let model = RecurrentModel(config: try CheckpointFormat.validatedConfigs(in: file).model)
    try model.loadTensors(from: file)
    return model
  }

  /// Overwrites every parameter with the tensor of the same canonical name in `file`.
  func loadTensors(from file: SafeTensorsFile) throws {
    let tensors = try layout.entries.map { entry in
      (name: entry.name, shape: file.entry(named: entry.name)?.shape ?? [], values: try file.floats(entry.name))
    }
    try copyTensors(tensors) { SafeTensorsError(file: file.fileName, problem: $0) }
  }

  /// The model at `url`: a safetensors file, or a run directory (its last finished epoch).
  public static func load(contentsOf url: URL, options: ImportedRecurrentModel.Options = .init()) throws
    -> RecurrentModel
  {
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
      let run = try RunDirectory(url)
      guard let last = run.epochs.last else { throw run.noEpochsError }
      return try run.model(epoch: last.number)
    }
    // torch.save writes pickles, which rnnscope does not execute; say how to get safetensors instead.
    if ["pt", "pth"].contains(url.pathExtension.lowercased()), FileManager.default.fileExists(atPath: url.path) {
      throw ImportError(
        file: url.lastPathComponent,
        problem: "a PyTorch pickle (torch.save); rnnscope reads safetensors: save the state_dict with "
          + "safetensors.torch.save_file(model.state_dict(), \"model.safetensors\") as Samples/export_pytorch.py does")
    }
    return try load(from: SafeTensorsFile(contentsOf: url), options: options)
  }
}
