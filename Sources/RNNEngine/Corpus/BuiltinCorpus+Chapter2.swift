extension BuiltinCorpus {
  /// Chapter II. Ashby Hall
  static let chapter2 = #"""
    Chapter II. Ashby Hall

    The morning was cold and clear after the rain, and the train was nearly
    empty. Miss Quill sat in the corner of our compartment with her hands folded
    in her lap and watched the wet fields go by, while Lyle smoked and said
    nothing at all until we had passed Epsom. Then he took his pipe from his
    mouth and turned to her.

    "Miss Quill, who winds the clocks now that Mr. Ashby is dead?"

    "No one, I think. Mr. Cyril gave orders that they were not to be touched
    until his man from London had seen them."

    "Then they will all have stopped by Sunday. Good. And the great clock in the
    hall, the one which struck thirteen, is it one of the valuable ones?"

    "It is the oldest clock in the house. It was made in London, by a man named
    Tompion, or so my guardian always said. He was very proud of it."

    "And when you came down on Friday morning, what did it say?"

    She thought for a moment. "I am not sure. I did not look at it. Everyone was
    running about, and Mrs. Dunmore was crying in the kitchen, and I went
    straight to the study."

    "Never mind. We shall look at it ourselves."

    We were met at Dorking by a dog-cart driven by a red-faced boy of fifteen or
    so, whom Miss Quill introduced as Tom Ridley, the gardener's son. He touched
    his cap to us and said nothing, but I noticed that he glanced more than once
    over his shoulder at Lyle, as a boy will who has heard that a detective is
    coming and wishes to see whether he looks like one. The road ran between
    high hedges and bare woods, and after three miles we turned in at a pair of
    stone gateposts and came up a long drive to the house.

    Ashby Hall is not a large house, but it is a handsome one, built of old red
    brick with tall chimneys and a stone porch covered in ivy. A cedar stands
    upon the lawn before it, and beyond the lawn the ground falls away to a
    little stream and a line of willows. It was very quiet. The blinds were
    drawn in every window, as is the custom in a house of mourning, and the only
    sound as we came up to the door was the cawing of the rooks in the elms.

    The door was opened by a tall, grey man in black, with a long face and a
    careful manner, who could only be the butler.

    "Good morning, Grimsby," said Miss Quill. "These gentlemen are friends of
    mine from London. Mr. Lyle and Dr. Varga will be staying for a night or two.
    Will you ask Mrs. Dunmore to make up the blue rooms?"

    "Very good, miss," said Grimsby, and his eyes passed over us without any
    expression whatever. "Mr. Cyril is in the library, miss. He asked to be told
    as soon as you returned."

    "Then you may tell him," said Lyle pleasantly, before Miss Quill could
    answer. "And while you are about it, Grimsby, you might tell me something.
    What time was it by the hall clock when you came down on Friday morning?"

    The butler paused, with his hand still upon the door. It was the smallest of
    pauses, and I do not think that Miss Quill noticed it.

    "I could not say, sir. I did not observe it."

    "A pity. You have been in this house twenty years, I understand, and you do
    not look at the hall clock when you come down in the morning?"

    "The clock had stopped, sir," said Grimsby, after another pause. "I believe
    it had stopped in the night."

    "Thank you. That is all I wished to know."

    We passed into the hall. It was a wide, panelled room with a stone floor and
    a staircase at the far end, and against the wall beside the staircase stood
    the clock. I am no judge of such things, but even I could see that it was a
    noble piece of work: a tall case of dark walnut, with a brass dial and a
    painted moon that rose and set in an arch above it. The hands stood at
    twenty minutes past two.

    Lyle went up to it at once and stood looking at it with his head on one
    side, like a thrush listening for a worm. Then he opened the little door in
    the waist of the case and peered inside, and then he shut it again.

    "The pendulum has been stopped by hand," said he quietly. "It has not run
    down. The weights are still halfway up the case. Somebody stopped this clock
    at twenty past two, Varga, and the doctor says that Mr. Ashby died at about
    two."

    Before I could reply, a door opened on the left of the hall and a young man
    came out. He was perhaps thirty, fair-haired and good-looking in a soft sort
    of way, dressed very fashionably in a grey morning coat with a black band
    upon the sleeve. He had a cigarette in his fingers, and he looked at us with
    an air of amused contempt.

    "Eleanor," said he, "you did not tell me you were bringing guests. Who are
    these gentlemen?"

    "This is Mr. Lyle, Cyril, and this is Dr. Varga. They have come to help me
    look for the will."

    "Lyle? The detective fellow? I have read about you in the papers." He
    laughed, not very pleasantly. "Well, Mr. Lyle, you are welcome to look. I
    have looked myself, and so has Pruett, and so has half the county. My uncle
    burned the thing. He was always changing his mind. If he had lived another
    month he would have made a third will and left everything to a home for lost
    cats."

    "You may be right, Mr. Ashby," said Lyle mildly. "But since I am here, you
    will not object to my looking about a little?"

    "Not in the least. Look wherever you like. Only do not touch the clocks.
    They are valuable, and I have a man coming down from Bond Street on Monday
    to value them properly."

    "To value them?"

    "For the sale, naturally. I have no use for forty clocks, Mr. Lyle. I cannot
    hear myself think in this house. Tick, tick, tick, from morning to night.
    When they are sold I shall be able to sleep." He turned back towards the
    library, and then paused. "Dr. Varga, you are a medical man? Then perhaps
    you will explain to my cousin that old men with bad hearts do die sometimes,
    without anybody murdering them. She has been looking at me since Friday as
    if I had put poison in the port."

    He went back into the library and shut the door behind him.

    "I have never said such a thing," said Miss Quill in a low voice. "I have
    never even thought it."

    "No," said Lyle. "But he has thought it, or he would not have spoken of it.
    Come, Miss Quill. Show us the study."

    The study lay at the end of a short passage beyond the dining-room. It was a
    long, low room lined with books, with two tall windows looking out upon the
    garden and a door of glass which opened on to the terrace. And everywhere,
    on the mantelpiece, on the shelves, on brackets upon the walls and on little
    tables in every corner, there were clocks. I had expected many, but I had
    not expected so many. There were clocks of brass and clocks of marble,
    clocks of ebony and gilt, a clock in the shape of a lighthouse and another
    in the shape of a ship, and in the middle of the far wall, taller than a
    man, a great clock with four dials, which showed the hour, the day of the
    month, the phase of the moon and the position of the stars.

    Every one of them had stopped. The silence in that room was the strangest
    thing I have ever heard.

    "They all ran down on Saturday night or Sunday morning," said Miss Quill. "I
    could not bear to come in here. It was like a room full of dead things."

    Lyle did not answer. He walked slowly round the room, stopping before each
    clock in turn, and I saw his lips move as he read the hands. When he had
    been all the way round, he came back to the middle of the room and stood
    there with a curious look upon his face.

    "Varga," said he, "how many clocks are in this room?"

    "I make it thirty-one," said I.

    "Thirty-one. And thirty of them stopped when they ran down, at whatever hour
    they happened to reach when the spring gave out. But one of them, Doctor,
    one of them was never wound at all last Sunday, and that is the great clock
    with the four dials. Look at the moon upon it. It shows a full moon. The
    moon was full on the fourteenth. That clock stopped before Mr. Ashby died,
    and I should very much like to know why."
    """#
}
