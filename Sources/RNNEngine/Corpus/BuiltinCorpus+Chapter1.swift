extension BuiltinCorpus {
  /// Chapter I. A Client in the Rain
  static let chapter1 = #"""
    Chapter I. A Client in the Rain

    It was on a wet evening in the November of that year, when the lamps along
    Cutler Street burned yellow in the fog and the gutters ran like little
    rivers, that Miss Eleanor Quill first climbed the seventeen stairs to our
    sitting-room. I remember the date because I had only that morning returned
    from a week of attending a patient in Bath, and I was glad to be back beside
    our own fire. My friend Mr. Jasper Lyle had spent the afternoon in his
    armchair with a pipe, a pile of newspapers and a temper that grew worse with
    every page.

    "Nothing, Varga," said he, flinging the last of the papers upon the
    hearth-rug. "A burglary in Kensington which a child could explain, a forged
    cheque in Holborn, and a missing spaniel in Richmond. London has grown
    honest, and I shall die of it."

    "You might take a holiday," I suggested. "The sea air at Brighton would do
    you good."

    "The sea air at Brighton would bore me in an hour. No, Doctor, what I need
    is a problem. Ah! But listen. Is that not the street door?"

    I listened. Above the drumming of the rain I heard the bell, and then the
    voice of Mrs. Hale, our landlady, raised in that tone of doubtful welcome
    which she keeps for visitors who arrive after seven o'clock. A moment later
    there came a light step upon the stair, and Mrs. Hale opened our door with
    an expression that said plainly she would not be answerable for what
    followed.

    "A young lady to see you, Mr. Lyle," said she. "She has no card, and she is
    wet through, and I have told her that you do not see people at this hour.
    She says she will wait on the stairs all night if she must."

    "Then we must not keep her there," said Lyle, rising at once. "Show her in,
    Mrs. Hale, and I think a pot of tea would not be wasted."

    The young woman who entered was perhaps four or five and twenty, plainly
    dressed in grey, with a dark cloak that dripped upon the carpet and a small
    travelling bag clutched in both hands. She was pale, and her eyes had the
    look of one who has not slept, but she held herself very straight, and when
    she spoke her voice was steady.

    "Mr. Lyle? I am sorry to come so late and so unannounced. My name is Eleanor
    Quill. I have come up from Surrey by the last train, and I did not know
    where else to go."

    "You are very welcome, Miss Quill. This is my friend and colleague, Dr.
    Varga, before whom you may speak as freely as before myself. Pray take the
    chair by the fire. You have come from Dorking, I perceive, and you changed
    trains at Clapham Junction, and you have been in mourning for less than a
    week."

    She stared at him. "How can you possibly know that?"

    "The mud upon your boots is the red clay of the lanes south of Dorking; I
    have walked them often enough to know it. Your ticket, which is peeping from
    your glove, is a third-class return from that station, and it bears the clip
    of the collector at Clapham Junction. As to the mourning, the black ribbon
    upon your bonnet is new, and it has been sewn on in haste, with grey thread.
    A woman who had been in mourning longer would have had time to find black."

    "It is perfectly true," said she, and for a moment her composure wavered.
    "My guardian, Mr. Reginald Ashby, died on Thursday night. I have been his
    ward since I was twelve years old. He was the kindest man I ever knew, and
    now they tell me that I must leave Ashby Hall within the month, because the
    will which he made in my favour cannot be found."

    Lyle had settled back into his chair with his fingertips pressed together
    and his eyes half closed. I knew that attitude well. It meant that every
    word the lady said would be weighed, turned over and filed away.

    "Begin at the beginning, Miss Quill," said he. "Leave nothing out, however
    trifling it may seem. It is often the trifle that turns the key."

    Mrs. Hale came in with the tea, and our visitor drank a cup gratefully
    before she began. I shall set down her story as nearly as I can in her own
    words.

    "Mr. Ashby was a widower," said she, "and he had no children of his own. He
    lived very quietly at Ashby Hall, which stands about three miles from
    Dorking, on the road to the village of Hollowmere. His great passion was
    clocks. He had collected them all his life, and there are more than forty of
    them in the house: longcase clocks and bracket clocks, carriage clocks, a
    French clock with a singing bird, and a great astronomical clock in the
    study which he had made to his own design. He wound them all himself every
    Sunday, and he would let no one else touch them, not even Grimsby, the
    butler, who has served in the house for twenty years.

    "His only living relation is his nephew, Mr. Cyril Ashby, the son of his
    younger brother. I do not wish to be unjust to Mr. Cyril. But I must tell
    you that he and his uncle had quarrelled bitterly more than once, over
    money, and that Mr. Ashby had paid his debts three times and had sworn that
    he would not pay them a fourth.

    "Three weeks ago my guardian called me into the study. He told me that he
    had been to London to see his solicitor, Mr. Pruett, of Lincoln's Inn, and
    that he had made a new will. He said, 'Eleanor, I have done what I ought to
    have done long ago. The house and the clocks and everything else will come
    to you, and Cyril shall have an allowance and no more. He would sell every
    clock in the place within a year, and I will not have it.' I begged him not
    to speak of such things, for he was not a young man, and his heart had
    troubled him since the spring. He only laughed and said that the clocks
    would keep the secret until it was wanted.

    "On Thursday last Mr. Cyril came down from town without warning. He dined
    with us, and after dinner he and his uncle went into the study together and
    shut the door. I heard their voices raised, though I could not hear the
    words. At about ten o'clock I went up to bed. I did not sleep well, and a
    little after midnight I heard the great clock in the hall strike. Mr. Lyle,
    it struck thirteen times. I counted them twice over in my head afterwards,
    and I am sure of it.

    "In the morning Grimsby found my guardian dead in his chair in the study.
    The doctor, Dr. Mallory, says that it was his heart, and that he must have
    died at about two o'clock in the morning. When Mr. Pruett came down on
    Saturday, he said that Mr. Ashby had taken the new will home with him to
    keep among his own papers, as he was entitled to do. We have searched the
    study, the desk, the safe and every drawer in the house. It is not there.
    Without it, the old will stands, and under the old will everything goes to
    Mr. Cyril."

    She stopped, and for a little while none of us spoke. The rain beat upon the
    window, and somewhere below us in the street a cab rattled past.

    "And what does Mr. Cyril say?" asked Lyle at last.

    "He says that his uncle must have thought better of it and burned the new
    will. He says that he is very sorry for me, and that I may stay until
    Christmas. He has already had a man down from London to look at the clocks."

    "Has he, indeed?" said Lyle, and his eyes opened. "That is interesting. That
    is very interesting. Tell me, Miss Quill, what did Mr. Ashby mean, do you
    suppose, when he said that the clocks would keep the secret?"

    "I thought at the time that it was only a manner of speaking. He often said
    odd things about his clocks. He used to say that a clock was the only honest
    servant in the house, because it told the same story to everyone."

    Lyle sprang up and began to pace the room, his hands clasped behind him.

    "Varga," said he, "have you any patients who cannot spare you for two or
    three days?"

    "None," said I. "Anstruther will take my practice, as he always does."

    "Then we shall go down to Dorking by the first train in the morning. Miss
    Quill, you will stay tonight at the Langham, where Mrs. Hale will see you
    safely into a cab. Say nothing to anyone of having consulted me. If Mr.
    Cyril should ask, you have been to London to see a dressmaker about your
    mourning. Can you do that?"

    "I can do anything that will help," said she. "But do you think there is any
    hope?"

    "I think," said Lyle slowly, "that a clock which strikes thirteen is a clock
    that someone has been meddling with. And I think that a man who collects
    forty clocks does not choose his words about them carelessly. Go and rest,
    Miss Quill. We shall meet at Waterloo at half past eight."
    """#
}
