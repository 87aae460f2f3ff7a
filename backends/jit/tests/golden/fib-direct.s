function fib:
  0000  push rbp
  0001  mov rbp,rsp
  0004  push r14
  0006  push r15
  0008  sub rsp,60h
  000f  mov r14,rdi
  0012  mov r11,[r14]
  0019  cmp rsp,[r11+8]
  0020  jb 00000000000000CCh
  0026  mov edx,edx
  0029  mov [rbp-20h],rdx
  0030  mov rax,rdx
  0033  cmp eax,2
  003a  jae 000000000000004Dh
  0040  mov [rsp],rdx
  0048  jmp 00000000000000AAh
  004d  mov ecx,[rbp-20h]
  0054  mov rax,rcx
  0057  sub eax,1
  005e  mov rdx,rax
  0061  mov rdi,r14
  0064  mov rsi,r14
  0067  call 000000000000006Ch
  006c  mov eax,eax
  006e  mov edx,[rbp-20h]
  0075  mov rcx,rdx
  0078  sub ecx,2
  007f  mov [rsp],rax
  0087  mov rdx,rcx
  008a  mov rdi,r14
  008d  mov rsi,r14
  0090  call 0000000000000095h
  0095  mov eax,eax
  0097  mov ecx,[rsp]
  009f  add ecx,eax
  00a2  mov [rsp],rcx
  00aa  mov eax,[rsp]
  00b2  lea rsp,[rbp-10h]
  00b9  pop r15
  00bb  pop r14
  00bd  pop rbp
  00be  ret
  00bf  mov rax,[rsp]
  00c7  jmp 00000000000000B2h
  00cc  ud2    ; trap: Code(StackOverflow)

