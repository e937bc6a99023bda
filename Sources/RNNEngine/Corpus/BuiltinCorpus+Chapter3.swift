extension BuiltinCorpus {
  /// Chapter III. The Moon and the Stars
  static let chapter3 = #"""
    Chapter III. The Moon and the Stars

    "Perhaps it was broken," said I. "Even a clock may fall ill, Lyle."

    "Perhaps. Miss Quill, did your guardian say anything about this clock in the
    last week of his life? Did he complain that it was running badly, or send
    for anyone to look at it?"

    She shook her head. "He never spoke of it at all. But now that you ask me, I
    do remember that he kept the study locked for a whole afternoon, about ten
    days ago. Grimsby said that he heard him hammering. I thought it was only
    one of his repairs. He liked to mend the clocks with his own hands."

    "About ten days ago," repeated Lyle. "That would be the fourteenth or
    thereabouts. And the moon upon the dial is full. Yes, I think we may take it
    that Mr. Ashby stopped this clock himself, on the afternoon when he locked
    the door. The question is what he did to it afterwards."

    He went up to the great clock and examined it closely, running his long
    fingers over the carved case and the four dials. The lowest of them, which
    showed the stars, was set behind a little door of glass with a brass lock.

    "Is there a key to this?"

    "My guardian kept all the clock keys upon his watch-chain," said Miss Quill.
    "Mrs. Dunmore has the chain now. She took charge of his things when Dr.
    Mallory had gone."

    "Then let us have Mrs. Dunmore."

    The housekeeper proved to be a stout, motherly woman of sixty, with red eyes
    and a black cap, who clearly regarded Miss Quill as a daughter and Mr. Cyril
    as something rather worse than the measles. She brought the watch-chain at
    once, wrapped in a clean handkerchief, and she stood by the door twisting
    her apron while Lyle tried one small key after another in the lock. The
    sixth key turned. He opened the glass door, lifted away the painted dial of
    stars, which came out in his hands like the lid of a box, and gave a low
    whistle.

    Behind the dial there should have been a little train of wheels, I suppose,
    to carry the stars round. There was nothing. There was a clean, empty space,
    four or five inches square, with the marks of screws where something had
    been fastened, and lying in the bottom of it a slip of pasteboard. Lyle took
    it out and held it to the light, and I read over his shoulder:

    "J. Teague, Clockmaker, St. John Street, Clerkenwell. Received of R. Ashby,
    Esq., one sidereal movement, in its case, sealed, for safe keeping. To be
    returned to the owner, or to the person named in his own hand, and to no
    other."

    "Sealed," said Lyle softly. "For safe keeping. Not for cleaning, Varga, nor
    for repair. For safe keeping. Mrs. Dunmore, you were in this house ten days
    ago. Do you remember a parcel going to London?"

    "Why, yes, sir," said the housekeeper. "Master sent Tom Ridley in to Dorking
    with it, to catch the carrier. A little square box, it was, done up in brown
    paper and tied with red tape, and very heavy for its size. Master told Tom
    that if he dropped it he would skin him alive, and Tom carried it like a
    new-laid egg. I thought it was only another of his clock things."

    "So it was, in a manner of speaking." Lyle put the ticket into his
    pocket-book and closed the dial again very carefully, and locked it, and
    gave the chain back to Mrs. Dunmore. "Mrs. Dunmore, I am going to ask you to
    say nothing of this to anyone. Not to Grimsby, and above all not to Mr.
    Cyril. Will you do that for Miss Quill's sake?"

    "I would cut out my tongue for Miss Eleanor's sake, sir," said the
    housekeeper warmly, "and so would any of us, excepting those that should
    know better."

    "Whom do you mean by that?"

    Mrs. Dunmore looked at the door, and lowered her voice. "I do not like to
    speak against a fellow-servant, sir. But Mr. Grimsby has not been himself
    since Mr. Cyril came. They had their heads together in the pantry on
    Thursday night, and on Friday morning Mr. Grimsby gave me a sovereign, for
    no reason at all, and told me to buy myself a new bonnet for the funeral.
    Twenty years I have known him, and he never gave away so much as a farthing
    before."

    "That is very useful, Mrs. Dunmore. Now tell me about Thursday night. Did
    you hear the hall clock strike thirteen?"

    "I did, sir, and it gave me a turn, for they say in Surrey that a clock
    which strikes thirteen means a death in the house within the year. I never
    thought it would be so soon. I sleep at the back, over the kitchen, and I
    heard it as plain as I hear you."

    "What time was that?"

    "It would be a little after twelve, sir, for I had heard the church at
    Hollowmere strike midnight not long before. I lay awake a good while after,
    and I thought I heard somebody walking about downstairs. But it is an old
    house, and it creaks, and I did not like to go and see."

    When the housekeeper had gone, Lyle sat down upon the arm of a chair and
    looked at the ceiling.

    "Tell me, Varga," said he, "what makes a clock strike thirteen?"

    "I have no idea. I suppose it goes wrong."

    "It goes wrong in one particular way. A striking clock counts its strokes
    upon a wheel, or a rack, and the count is set by the position of the hands.
    If a man moves the hands forward quickly, past the hour, without giving the
    clock time to strike, the count may slip, and the clock will strike out the
    wrong number when at last it does. Thirteen is a very likely mistake. It
    means that at a little after midnight on Thursday someone stood in the hall
    and turned the hands of that clock round, and did it clumsily, as a man does
    who knows nothing about clocks."

    "But why should anyone turn the hands?"

    "To get at the dial. On many old clocks the dial cannot be taken off until
    the hands are in a particular place. Our friend was looking for the will,
    Doctor. He had heard Mr. Ashby say, as Miss Quill heard him, that the clocks
    would keep the secret. And being a man who knows nothing about clocks, he
    went first to the oldest and most valuable one, which stands in the hall. He
    did not find it there, because Mr. Ashby had sent it to Clerkenwell a week
    before."

    Miss Quill had turned very white. "You mean Cyril," said she.

    "I mean someone who was awake at midnight and who knows nothing about
    clocks. That may be Mr. Cyril Ashby. It cannot be Mr. Reginald Ashby, who
    knew everything about them. Now, Miss Quill, I should like to speak with Dr.
    Mallory, and I should like to speak with Tom Ridley, and then I think I
    should like my luncheon."

    Dr. Mallory, who was fetched from the village in the dog-cart, was a brisk
    little man with grey whiskers and a kindly eye, who plainly resented having
    his opinion questioned, and said so.

    "Heart failure, sir, pure and simple," said he. "I had attended Mr. Ashby
    for eleven years, and I had told him twenty times that he must not excite
    himself. He had a weak valve. A sudden shock, a fit of anger, a quarrel, and
    there you are. I saw him at eight on Friday morning, and he had been dead
    for six hours at the least. There was no mark on him, and nothing in the
    glass beside him but a little brandy and water. I will stake my name on it."

    "I do not doubt you in the least, Dr. Mallory," said Lyle. "I am quite sure
    that Mr. Ashby died of his heart. What I am not sure of is who was with him
    when he died, and why nobody sent for you until eight o'clock in the
    morning."

    The doctor stared at him. "Grimsby found him at half past seven, sir. He
    told me so himself."

    "Yes," said Lyle. "I know he did."
    """#
}
