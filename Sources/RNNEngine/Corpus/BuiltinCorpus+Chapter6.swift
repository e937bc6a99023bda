extension BuiltinCorpus {
  /// Chapter VI. Lincoln's Inn
  static let chapter6 = #"""
    Chapter VI. Lincoln's Inn

    "And then?" said Lyle quietly. "Go on, Grimsby. You had better tell it all."

    "I didn't know what to do, sir. I went into the hall to fetch Mr. Cyril, and
    as I passed the great clock I stopped it. I never thought. My father was
    butler to old Lord Wenlock, and when his lordship died my father stopped
    every clock in the house, and I stood by and watched him. It was done before
    I knew I had done it. Then I went up and woke Mr. Cyril, and told him his
    uncle was gone."

    "And Mr. Cyril said?"

    "He said that nobody must know until the morning. He said that if the will
    was found, he would be turned out without a penny, and so should I, for Miss
    Eleanor would never keep a servant who had stood by while he searched. And
    he said that if it was not found, he would give me five hundred pounds and a
    character that would get me a place in any house in England. God forgive me,
    sir, I am fifty-eight years old, and I have nothing put by. I said I would
    help him."

    "So the two of you searched this room for five hours, with your master dead
    in his chair beside you."

    "Yes, sir." The butler's voice was hardly more than a whisper. "We went
    through every drawer and every paper. We opened the safe with his own key.
    We found nothing. At half past seven I put everything back as it had been,
    and I went and rang the bell for Mrs. Dunmore, and I said that I had just
    found him. And every hour since then I have wished that I had died in his
    place."

    There was a silence in the room. Then Mr. Cyril stood up, and pulled his
    dressing-gown about him, and laughed. It was not a pleasant laugh.

    "Very touching," said he. "And what does it all come to, Mr. Lyle? My uncle
    died of his heart. The doctor says so. Nobody laid a finger on him. I looked
    for a will which I had every right to look for, in a house which is now my
    own, and I did not find it, because it does not exist. You can prove nothing
    against me, and you know it."

    "I can prove that you conspired with this man to conceal a death for five
    hours," said Lyle, "which the coroner will find very interesting. And if the
    will exists, as I believe it does, I can prove that you did your best to
    find it in order to destroy it, which a judge will find more interesting
    still. I should go back to bed, Mr. Ashby, if I were you. You will need your
    sleep."

    Mr. Cyril looked at him for a long moment, with something in his eyes that I
    did not like. Then he turned without a word and went out of the room, and we
    heard his feet upon the stairs.

    I did not expect to sleep that night, but I did, and heavily, and I was
    woken at seven by Lyle shaking my shoulder. He was already dressed.

    "Up, Varga, up! Our bird has flown. He had the dog-cart harnessed at five,
    and drove himself to Dorking to catch the first train. Tom Ridley saw him
    go, and ran all the way to tell me."

    "Gone? But where?"

    "To Clerkenwell, I fear. Grimsby has just confessed to me that he told him
    about the parcel on Friday, though neither of them knew then what it meant.
    The carrier at Dorking keeps a book, and any man who asks politely and puts
    a shilling on the counter may read in it where a parcel was sent. Mr. Cyril
    has been slower than I should have been, but he has got there at last. Dress
    quickly. Miss Quill is coming with us, and so is the vicar's letter."

    We caught the eight-fifteen, and a slow and wretched journey it was. Lyle
    sat with his watch in his hand, and every time the train stopped at a
    station he muttered under his breath. At Waterloo we took a four-wheeler,
    and to my surprise Lyle did not give the cabman the address in Clerkenwell,
    but told him instead to drive to Lincoln's Inn.

    "Teague will be safe until noon," said he, in answer to my look. "I wired
    him again from Dorking this morning to keep his shop shut and his door
    bolted. And Mr. Cyril, unless I am much mistaken, will not go to Clerkenwell
    with nothing in his hand. He will go first to a man who can write a letter
    in another man's hand. That will take him the whole morning, and it gives us
    time to see Mr. Pruett. I wish to know exactly what it is we are looking for
    before we find it."

    Mr. Pruett had his chambers at the top of a dark old staircase in New
    Square. He was a small, dry, grey man, like a heap of autumn leaves, and he
    received us with the air of one who has seen every kind of folly that human
    beings can commit and has been surprised by none of them.

    "Yes," said he, when Lyle had told him the story. "Yes, that is very like
    Reginald. He came to me on the ninth of the month, and we drew up the will
    that afternoon. It leaves Ashby Hall and the whole of the residue to Miss
    Quill, with an annuity of three hundred pounds to his nephew, and legacies
    to the servants, Grimsby included, I am sorry to say. It was signed in this
    room, and witnessed by my two clerks, and it is as good a will as any in
    England. He would not leave it with me. He said that he had a better
    strong-room than I had, and that no thief in London would ever think of
    looking in it."

    "Did he say where it was?"

    "He did not. He only said that it would be kept with the stars. I confess I
    thought his mind was wandering a little. He asked me a very curious question
    before he left. He wished to know whether a will remained valid if it was
    shut up inside a piece of machinery and sealed. I told him that a will
    remains valid if it is shut up inside a whale, so long as nobody destroys
    it, and he laughed and said that a clockmaker in Clerkenwell was safer than
    any whale."

    "Then you will come with us to Clerkenwell, Mr. Pruett," said Lyle, rising,
    "and see that it has not been destroyed."

    The old lawyer looked at his watch, and at his desk, which was heaped with
    papers, and then at Miss Quill, who was sitting very straight in her chair
    with her hands clasped in her lap.

    "My dear young lady," said he, "I have not been out of this room before four
    o'clock in the afternoon for thirty years. But I shall make an exception.
    Reginald Ashby was my friend, and I should like to see his last joke through
    to the end."
    """#
}
